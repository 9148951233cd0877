"""What speaks other systems' languages: an OpenAI-compatible API, an MCP server, xAPI to an LRS, Leap2A and Open
Badges.

Each integration is a module (or subpackage) of its own; they use the domains' public faces and add no rules
of their own: scope, limits and audit are the same as for the UI.
"""

from companion.interop import leap2a, mcp_server, open_badges, openai_api

__all__: list[str] = ["leap2a", "mcp_server", "open_badges"]
__all__ += ["openai_api"]
