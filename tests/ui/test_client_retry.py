"""The UI's API client retries a message whose connection failed with the same client id, once."""

import httpx

from companion.ui.client import ApiClient


def test_stream_retries_a_failed_connection_with_the_same_client_id():
    bodies = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        if len(bodies) == 1:
            raise httpx.ConnectError("connection reset")
        return httpx.Response(200, text='event: done\ndata: {"id": 1, "content": "Wat deed je?"}\n\n',
                              headers={"content-type": "text/event-stream"})

    client = ApiClient("http://api.test", token="t", transport=httpx.MockTransport(handler))
    events = list(client.stream_message(3, "Hallo daar", client_id="abc"))
    assert events == [("done", {"id": 1, "content": "Wat deed je?"})]
    assert len(bodies) == 2 and bodies[0] == bodies[1] and b'"client_id":"abc"' in bodies[0].replace(b" ", b"")
