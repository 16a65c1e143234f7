"""Round 20 (celery20): `migrate` on pretix's tests. `token_client.patch(f'/api/v1/...
/sendmail_rules/{rule.pk}/')` (an HTTP PATCH of DRF's test client) in a file importing
`pretix.base.services.mail` was listed as a "patch target built at run time: edit by hand"
because `mail` occurs in `sendmail_rules`: `migrate` ended "1 left alone", `migrate
--check` failed and `retire` refused, for a use that was none."""

from __future__ import annotations

from pathlib import Path

from test_migrate_forms import left, migrated


def test_an_http_patch_of_a_url_is_not_a_patch_target(tmp_path: Path) -> None:
    after, result = migrated(tmp_path, """
        from pkg.big import a


        def test_rule(client, rule):
            client.patch(f"/api/v1/bigger_rules/{rule}/", data={"a": a()})
            client.patch(f"/api/v1/big/{rule}/")
            client.patch("/api/v1/big/" + str(rule))
    """)
    assert left(result) == []
    assert "from pkg.big.alpha import a" in after or "from pkg.parts.alpha import a" in after


def test_a_dotted_target_built_at_run_time_is_still_left_for_a_person(tmp_path: Path) -> None:
    _, result = migrated(tmp_path, """
        from unittest import mock

        import pkg.big


        def test_dynamic(name):
            with mock.patch(f"pkg.big.{name}"):
                pkg.big.a()
            with mock.patch("pkg." + "big." + name):
                pass
    """)
    assert [(kind, shown) for _, kind, shown in left(result)] == [
        ("dynamic", "pkg.big"), ("dynamic", "pkg.big")]
