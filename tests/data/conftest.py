"""tests/data holds sample projects with their own test suites: not godsplit's tests."""

collect_ignore_glob = ["*"]
