import pytest


@pytest.fixture
def email_dir(tmp_path):
    """Where tests.support.email_backends records the e-mails a real worker sends (its TEST_EMAIL_DIR)."""
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder
