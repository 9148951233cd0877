"""The chat model and what surrounds every call to it: the provider seam (OpenAI or any OpenAI-compatible
server, or none), bounded retries and the circuit breaker, token counting with tiktoken, and the prompt files.
"""

from companion.llm import guarded, prompt_files, provider, resilience, token_count
from companion.llm.provider import chat_model, mode_name
from companion.llm.resilience import CircuitBreaker, breaker_for

__all__ = ["CircuitBreaker", "breaker_for", "chat_model", "guarded", "mode_name", "prompt_files", "provider",
           "resilience", "token_count"]
