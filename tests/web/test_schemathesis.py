"""schemathesis generates requests from /openapi.json and sends them to the real server: none may
get a server error."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings


def test_api_never_answers_a_server_error(site):
    schema = schemathesis.openapi.from_url(f"{site.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    seen: dict[str, int] = {}

    def fuzz(operation) -> None:
        label = operation.label

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call(base_url=site.url)
            seen[label] = seen.get(label, 0) + 1
            assert response.status_code < 500, f"{label} {case.formatted_path}: {response.status_code}"

        check()

    for operation in operations:
        fuzz(operation)
    assert set(seen) == {op.label for op in operations}
