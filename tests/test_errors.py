"""Errors are one-line messages and survive being passed between processes."""

import pickle

from disclosed.errors import InvalidInputError, ReadError


def test_errors_pickle_with_their_fields():
    err = pickle.loads(pickle.dumps(ReadError("a.pdf", "encrypted PDF")))
    assert (err.source, err.reason, str(err)) == ("a.pdf", "encrypted PDF", "a.pdf: encrypted PDF")
    bad = pickle.loads(pickle.dumps(InvalidInputError("received", "expected YYYY-MM-DD")))
    assert (bad.field, str(bad)) == ("received", "received: expected YYYY-MM-DD")
