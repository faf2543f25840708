from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys

import httpx
import numpy as np
import pytest

from mcc.knowledge import embedders
from mcc.knowledge.embedders import (
    AwsCredentials,
    BedrockTitanEmbedder,
    Embedder,
    EmbedderError,
    EmbedderUnavailableError,
    OllamaEmbedder,
    OpenAIEmbedder,
    sigv4_headers,
)

EXAMPLE = AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
WHEN = dt.datetime(2015, 8, 30, 12, 36, tzinfo=dt.UTC)


def client(handler: httpx.MockTransport) -> httpx.Client:
    return httpx.Client(transport=handler)


def test_openai_request_shape_batching_and_order() -> None:
    seen: list[dict[str, object]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        assert request.url == "https://gw.example/v1/embeddings"
        assert request.headers["authorization"] == "Bearer sk-test"
        body = json.loads(request.content)
        seen.append(body)
        data = [{"index": i, "embedding": [float(i + 1), 0.0]} for i in range(len(body["input"]))]
        return httpx.Response(200, json={"data": list(reversed(data))})

    embedder = OpenAIEmbedder(
        "text-embedding-3-small",
        base_url="https://gw.example/v1/",
        api_key="sk-test",
        dimensions=2,
        batch_size=2,
        client=client(httpx.MockTransport(handle)),
    )
    assert isinstance(embedder, Embedder)
    vectors = embedder.embed_documents(["a", "b", "c"])
    assert seen == [
        {"model": "text-embedding-3-small", "input": ["a", "b"], "dimensions": 2},
        {"model": "text-embedding-3-small", "input": ["c"], "dimensions": 2},
    ]
    assert vectors.shape == (3, 2)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-6)
    assert embedder.name == "openai:text-embedding-3-small:2"


def test_ollama_request_shape() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        assert request.url == "http://localhost:11434/api/embed"
        assert json.loads(request.content) == {"model": "nomic-embed-text", "input": ["hi"]}
        return httpx.Response(200, json={"embeddings": [[3.0, 4.0]]})

    vector = OllamaEmbedder(client=client(httpx.MockTransport(handle))).embed_query("hi")
    np.testing.assert_allclose(vector, [0.6, 0.8], rtol=1e-6)


def test_bedrock_titan_with_sigv4() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        assert request.url.raw_path == b"/model/amazon.titan-embed-text-v2%3A0/invoke"
        assert request.url.host == "bedrock-runtime.eu-west-1.amazonaws.com"
        body = json.loads(request.content)
        assert body == {"inputText": "budget", "dimensions": 256, "normalize": True}
        auth = request.headers["authorization"]
        assert auth.startswith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        assert "/eu-west-1/bedrock/aws4_request" in auth
        assert "SignedHeaders=host;x-amz-date;x-amz-security-token" in auth
        assert request.headers["x-amz-security-token"] == "token"
        return httpx.Response(200, json={"embedding": [1.0, 0.0], "inputTextTokenCount": 1})

    credentials = AwsCredentials(EXAMPLE.access_key_id, EXAMPLE.secret_access_key, "token")
    embedder = BedrockTitanEmbedder(
        region="eu-west-1",
        dimensions=256,
        credentials=credentials,
        client=client(httpx.MockTransport(handle)),
    )
    assert embedder.embed_documents(["budget"]).shape == (1, 2)


def test_bedrock_api_key_is_a_bearer_token() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == "Bearer bedrock-key"
        return httpx.Response(200, json={"embedding": [0.0, 2.0]})

    embedder = BedrockTitanEmbedder(
        bearer_token="bedrock-key", client=client(httpx.MockTransport(handle))
    )
    np.testing.assert_allclose(embedder.embed_query("x"), [0.0, 1.0])
    with pytest.raises(EmbedderUnavailableError):
        BedrockTitanEmbedder()


@pytest.mark.parametrize(
    ("method", "url", "signature"),
    [  # AWS's published SigV4 test suite: get-vanilla, post-vanilla, get-vanilla-query-order-key
        ("GET", "https://example.amazonaws.com/", "5fa00fa31553b73ebf1942676e86291e8372ff2a"),
        ("POST", "https://example.amazonaws.com/", "5da7c1a2acd57cee7505fc6676e4e544621c3086"),
        (
            "GET",
            "https://example.amazonaws.com/?Param2=value2&Param1=value1",
            "b97d918cfa904a5beff61c982a1b6f458b799221",
        ),
    ],
)
def test_sigv4_matches_aws_test_vectors(method: str, url: str, signature: str) -> None:
    headers = sigv4_headers(
        method=method,
        url=httpx.URL(url),
        body=b"",
        credentials=EXAMPLE,
        region="us-east-1",
        service="service",
        now=WHEN,
    )
    assert headers["x-amz-date"] == "20150830T123600Z"
    assert headers["authorization"].startswith(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" + signature
    )


@pytest.mark.parametrize(
    ("response", "retryable"),
    [
        (httpx.Response(401, text="bad key"), False),
        (httpx.Response(429, text="slow down"), True),
        (httpx.Response(503, text="down"), True),
        (httpx.Response(200, text="not json"), False),
        (httpx.Response(200, json={"data": [{"index": 0}]}), False),
        (httpx.Response(200, json={"data": []}), False),
    ],
)
def test_http_failures_become_embedder_errors(response: httpx.Response, retryable: bool) -> None:
    transport = httpx.MockTransport(lambda request: response)
    embedder = OpenAIEmbedder("m", client=client(transport))
    with pytest.raises(EmbedderError) as caught:
        embedder.embed_documents(["x"])
    assert caught.value.retryable is retryable


def test_transport_errors_are_retryable() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(EmbedderError) as caught:
        OllamaEmbedder(client=client(httpx.MockTransport(handle))).embed_query("x")
    assert caught.value.retryable is True


def test_minilm_folder_is_found_without_importing_the_package() -> None:
    assert importlib.util.find_spec(embedders.MINILM_PACKAGE) is not None  # a dependency
    sys.modules.pop(embedders.MINILM_PACKAGE, None)
    path = embedders.minilm_model_path()
    assert path is not None
    assert (path / "model.safetensors").is_file()
    assert embedders.MINILM_PACKAGE not in sys.modules
    embedder = embedders.default_embedder("torch")
    assert embedder is not None
    assert embedder.name == "sentence-transformers/all-MiniLM-L6-v2"
    fast = embedders.default_embedder()
    assert isinstance(fast, embedders.OnnxEmbedder)  # ONNX is the default; nothing built yet
    assert fast.name == "onnx-int8/all-MiniLM-L6-v2" != embedder.name


def test_default_embedder_is_none_when_the_model_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embedders.local, "minilm_model_path", lambda: None)
    assert embedders.default_embedder() is None


def test_a_broken_model_folder_is_unavailable_not_a_crash(tmp_path: object) -> None:
    from pathlib import Path

    broken = embedders.SentenceTransformerEmbedder(Path(str(tmp_path)) / "nothing-here")
    with pytest.raises(EmbedderUnavailableError):
        broken.embed_query("x")
