#!/usr/bin/env python3
# sign-vectors.py: writes tests/vectors/sign.txt, the scan-to-sign format's
# test vectors (assets/api/signature.md), from its own implementation of the
# format (Python's cryptography, not libsodium), so that the C reader in
# core/sign.c is checked against a second writer. Run only when the format
# changes on purpose: python3 tests/sign-vectors.py > tests/vectors/sign.txt
import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

REG_SEED = b"jsd-kiosk sign test registry 1".ljust(32, b"\0")
HOLDER_SEED = b"jsd-kiosk sign test holder 1".ljust(32, b"\0")
OTHER_SEED = b"jsd-kiosk sign test other 1".ljust(32, b"\0")
DOC = "jsd-kiosk test document 1\n".encode()
T0 = 1767312000  # 2026-01-02T00:00:00Z


def pub(sk):
    return sk.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def lines(pairs):
    return "".join(f"{k} {v}\n" for k, v in pairs)


def signed(text, sk, name):
    return text + f"{name} {sk.sign(text.encode()).hex()}\n"


def kid(sk):
    return hashlib.sha256(pub(sk)).digest()[:8].hex()


def hcert(reg, holder, role, frm=T0 - 86400, to=T0 + 365 * 86400):
    return signed(lines([("jsd-holder-cert", 1), ("kid", kid(reg)),
        ("credit-code", "12110000429074993M"),
        ("institution", "北京市示例科学技术研究院"), ("cert", 7), ("holder", 42),
        ("role", role), ("name", "张晓华"), ("key", pub(holder).hex()),
        ("valid-from", frm), ("valid-to", to)]), reg, "registry-sig")


def authz(reg, matters, frm=T0 - 3600, to=T0 + 3600, holder=42):
    return signed(lines([("jsd-authz", 1), ("kid", kid(reg)),
        ("holder", holder), ("authz", 9), ("matters", matters),
        ("valid-from", frm), ("valid-to", to)]), reg, "registry-sig")


def sigfile(holder, blocks, doc=DOC, at=T0):
    head = lines([("jsd-signature", 1),
        ("document", hashlib.sha256(doc).hexdigest()), ("size", len(doc)),
        ("system", "网上办事大厅"), ("request", 3), ("signed-at", at)])
    return signed(head + "".join(blocks), holder, "holder-sig")


def main():
    reg = Ed25519PrivateKey.from_private_bytes(REG_SEED)
    holder = Ed25519PrivateKey.from_private_bytes(HOLDER_SEED)
    other = Ed25519PrivateKey.from_private_bytes(OTHER_SEED)
    frp = hcert(reg, holder, "frp")
    user = hcert(reg, holder, "user")
    good = sigfile(holder, [frp])
    vectors = [
        ("frp_valid", good, "valid"),
        ("user_valid", sigfile(holder, [user, authz(reg, "tax,sign")]), "valid"),
        ("user_without_authorization", sigfile(holder, [user]),
            "no_authorization"),
        ("user_authorized_other_matters",
            sigfile(holder, [user, authz(reg, "tax,signing")]), "no_authorization"),
        ("user_authorization_of_another",
            sigfile(holder, [user, authz(reg, "sign", holder=43)]),
            "no_authorization"),
        ("user_after_authorization",
            sigfile(holder, [user, authz(reg, "sign", to=T0)]),
            "outside_authorization"),
        ("user_before_authorization",
            sigfile(holder, [user, authz(reg, "sign", frm=T0 + 1)]),
            "outside_authorization"),
        ("outside_holder_cert", sigfile(holder, [hcert(reg, holder, "frp",
            to=T0)]), "outside_validity"),
        ("other_document", sigfile(holder, [frp], doc=b"another\n"),
            "wrong_document"),
        ("signed_by_other_key", sigfile(other, [frp]), "bad_signature"),
        ("holder_cert_by_other_registry", sigfile(holder, [hcert(other,
            holder, "frp")]), "unknown_key"),
        ("holder_cert_altered", good.replace("role frp", "role mgr"),
            "malformed"),
        ("name_altered", good.replace("张晓华", "张晓明"), "forged"),
        ("signed_at_altered", good.replace(f"signed-at {T0}",
            f"signed-at {T0 + 1}"), "bad_signature"),
        ("truncated", good[:-20] + "\n", "malformed"),
        ("wrong_version", good.replace("jsd-signature 1", "jsd-signature 2"),
            "malformed"),
    ]
    print("# Test vectors of scan-to-sign's signature file (assets/api/signature.md),")
    print("# written by tests/sign-vectors.py; checked by tests/unit-sign.c.")
    print("#")
    print("# A vector: a line \"vector NAME OUTCOME\", then the signature file's lines,")
    print("# each after \"| \"; the file is those lines, each ending in a newline.")
    print("# Every vector is checked against the same registry key and document:")
    print(f"# registry public key {pub(reg).hex()}")
    print(f"#   (its test seed: {REG_SEED.hex()})")
    print(f"# kid {kid(reg)}")
    print(f"# document SHA-256 {hashlib.sha256(DOC).hexdigest()}")
    print(f"#   (the document: {DOC.decode().rstrip()!r} and a newline)")
    print(f"# holder public key {pub(holder).hex()}")
    print(f"#   (its test seed: {HOLDER_SEED.hex()})")
    print("# Outcomes: valid, malformed, unknown_key, forged, bad_signature,")
    print("# wrong_document, outside_validity, no_authorization,")
    print("# outside_authorization.")
    print(f"registry {pub(reg).hex()}")
    print(f"digest {hashlib.sha256(DOC).hexdigest()}")
    for name, text, outcome in vectors:
        print(f"vector {name} {outcome}")
        for line in text.split("\n")[:-1]:
            print(f"| {line}")


main()
