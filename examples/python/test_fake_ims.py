"""Python against the standalone fake IMS: the Service Account (JWT) flow signed with PyJWT, and OAuth Server-to-Server.

Adobe ships no Python IMS client that Debian packages; this is the flow Adobe documents (a JWT signed
with the credential's private key, exchanged at /ims/exchange/jwt), with Debian's python3-jwt.
"""
import time
import urllib.parse

import jwt
import pytest

from fake_ims import FakeIms

METASCOPE = "ent_analytics_bulk_ingest_sdk"


@pytest.fixture(scope="module")
def ims():
    fake = FakeIms(admin_token="python-example-admin-token")
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def registered(ims):
    credential, private_key = ims.new_credential([METASCOPE])
    ims.admin("POST", "/fake-ims/credentials", credential)
    return credential, private_key


def service_account_jwt(ims_url, credential, private_key, metascope=METASCOPE):
    claims = {
        "exp": int(time.time()) + 300,
        "iss": credential["orgId"],
        "sub": credential["technicalAccountId"],
        "aud": f"{ims_url}/c/{credential['clientId']}",
        f"{ims_url}/s/{metascope}": True,
    }
    return jwt.encode(claims, private_key, algorithm="RS256")


def journal(ims, **filters):
    return ims.admin("GET", "/fake-ims/journal?" + urllib.parse.urlencode(filters))["entries"]


def test_a_pyjwt_assertion_is_exchanged_for_an_access_token_and_journaled(ims, registered):
    credential, private_key = registered

    status, body = ims.post_form("/ims/exchange/jwt", {
        "client_id": credential["clientId"],
        "client_secret": credential["clientSecret"],
        "jwt_token": service_account_jwt(ims.base_url, credential, private_key),
    })

    assert status == 200, body
    assert body["token_type"] == "bearer"
    assert 86_340_000 < body["expires_in"] < 86_400_000  # milliseconds remaining, as IMS answers the JWT exchange
    found = ims.admin("POST", "/fake-ims/tokens/find", {"token": body["access_token"]})
    assert found["state"] == "VALID"
    [entry] = journal(ims, endpoint="JWT_EXCHANGE", clientId=credential["clientId"], outcome="succeeded")
    assert entry["tokenId"] == found["id"]
    assert entry["jwtClaims"]["iss"] == credential["orgId"]
    assert entry["parameters"]["client_secret"].startswith("p8e-…")  # secrets are masked


def test_an_assertion_signed_by_another_key_is_refused_with_the_reason_in_the_journal(ims, registered):
    credential, _ = registered
    _, other_key = ims.new_credential([METASCOPE])

    status, body = ims.post_form("/ims/exchange/jwt", {
        "client_id": credential["clientId"],
        "client_secret": credential["clientSecret"],
        "jwt_token": service_account_jwt(ims.base_url, credential, other_key),
    })

    assert status == 400
    assert body == {"error": "invalid_token", "error_description": "Could not match JWT signature to any of the bindings"}
    [entry] = journal(ims, endpoint="JWT_EXCHANGE", clientId=credential["clientId"], outcome="failed")
    assert entry["error"] == "invalid_token"
    assert "signature" in entry["reason"]


def test_oauth_server_to_server_tokens_validate_until_the_fakes_clock_passes_their_expiry(ims, registered):
    credential, _ = registered

    status, body = ims.post_form("/ims/token/v3", {
        "grant_type": "client_credentials",
        "client_id": credential["clientId"],
        "client_secret": credential["clientSecret"],
        "scope": "openid,AdobeID",
    })
    assert status == 200, body
    assert 86_340 < body["expires_in"] < 86_400  # seconds remaining on this endpoint
    token = body["access_token"]
    ims.admin("POST", "/fake-ims/clock/advance", {"duration": "PT24H1S"})

    _, validation = ims.post_form("/ims/validate_token/v1", {
        "type": "access_token", "client_id": credential["clientId"], "token": token})

    assert validation["valid"] is False
    assert ims.admin("POST", "/fake-ims/tokens/find", {"token": token})["state"] == "EXPIRED"
    ims.admin("POST", "/fake-ims/clock/reset")
