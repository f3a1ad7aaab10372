"""TLS: a server behind a TLS terminator with its own certificate authority, as an office
reverse proxy would be; and the plain mistakes (https:// to a plain server)."""

from __future__ import annotations

import datetime
import socket
import ssl
import threading

import pytest

from desktop.translation.lt_backend import LibreTranslateBackend
from desktop.translation.lt_client import LibreTranslateClient, ServerUnavailable


def self_signed(tmp_path):
    """A CA-less certificate for 127.0.0.1 (cryptography, already a dependency of keyring)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "translate.office.test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_file, key_file


class TlsTerminator:
    """Accepts TLS on loopback and forwards the plain bytes to the LibreTranslate port."""

    def __init__(self, cert_file, key_file, target_port: int) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert_file, key_file)
        self.target = target_port
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                raw, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        try:
            tls = self.context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError):
            raw.close()  # the client refused our certificate
            return
        upstream = socket.create_connection(("127.0.0.1", self.target))
        threading.Thread(target=_pipe, args=(upstream, tls), daemon=True).start()
        _pipe(tls, upstream)

    def close(self) -> None:
        self.sock.close()


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.close()
            except OSError:
                pass


@pytest.fixture
def tls(lt_server, tmp_path):
    cert, key = self_signed(tmp_path)
    terminator = TlsTerminator(cert, key, lt_server.port)
    yield f"https://127.0.0.1:{terminator.port}", cert
    terminator.close()


def test_an_unknown_certificate_is_refused_with_what_to_do(tls, monkeypatch) -> None:
    url, _ = tls
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    with pytest.raises(ServerUnavailable, match=r"secure connection failed \(certificate verify failed\).*REQUESTS_CA_BUNDLE"):
        LibreTranslateBackend(LibreTranslateClient(url)).connect()


def test_the_office_ca_makes_it_work(tls, monkeypatch) -> None:
    url, cert = tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # what the README tells an office to do
    backend = LibreTranslateBackend(LibreTranslateClient(url))
    [result] = backend.submit(["La séance est levée."])()
    assert not result.failed and result.text


def test_https_to_a_plain_server_is_named(lt_server) -> None:
    """LibreTranslate (waitress) waits for a request line and never answers a TLS hello."""
    url = lt_server.url.replace("http://", "https://")
    with pytest.raises(ServerUnavailable, match=r"no reply within 2 s; .* or does not speak https \(then give its address with http://\)"):
        LibreTranslateBackend(LibreTranslateClient(url, timeout=2)).connect()
