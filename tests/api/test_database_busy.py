"""Every database connection busy is a peak, not a fault: 503 with a reason and Retry-After, never a 500."""

from fastapi.testclient import TestClient
from sqlalchemy.exc import TimeoutError as PoolTimeout

from companion.api.main import create_app


def test_an_exhausted_connection_pool_answers_503_with_a_reason(services):
    app = create_app(services)

    @app.get("/api/_test/pool")
    def exhausted() -> None:
        raise PoolTimeout("QueuePool limit of size 20 overflow 20 reached")

    with TestClient(app) as client:
        r = client.get("/api/_test/pool", headers={"Accept-Language": "nl"})
    assert r.status_code == 503 and r.headers["Retry-After"] == "5"
    assert r.json()["code"] == "database_busy" and "druk" in r.json()["detail"]
