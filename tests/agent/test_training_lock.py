"""Training in a child takes a lock beside the model file: when the workers of `mcc serve
--workers N` start together after an upgrade, one trains and the others load what it wrote,
instead of each training the same model in its own child."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import mcc
from mcc.agent import acts
from mcc.agent.acts import training
from tests.support.net import wait_for

# A stand-in for a model's training module: counts its runs, then writes the "model".
CHILD = """
import sys
from pathlib import Path

target = Path(sys.argv[1])
with (target.parent / "runs").open("a") as runs:
    runs.write("ran\\n")
target.write_text("model")
"""


@pytest.fixture
def trainer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "fake_trainer.py").write_text(CHILD)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    return tmp_path / "models" / "acts.npz"


def _runs(model: Path) -> int:
    runs = model.parent / "runs"
    return len(runs.read_text().splitlines()) if runs.exists() else 0


def _waiting_on(lock: Path) -> int:
    """Requests blocked on `lock` (Linux lists them in /proc/locks with "->")."""
    inode = f":{lock.stat().st_ino} "
    lines = Path("/proc/locks").read_text().splitlines()
    return sum(1 for line in lines if "->" in line and inode in line)


def test_one_trains_and_the_others_take_its_file(trainer: Path) -> None:
    lock = trainer.with_name(trainer.name + ".lock")
    callers = [
        threading.Thread(target=training.train_in_child, args=("fake_trainer", trainer, "acts"))
        for _ in range(3)
    ]
    with training._exclusive(lock):  # a first worker is training
        for caller in callers:
            caller.start()
        wait_for(lambda: _waiting_on(lock) == 3, what="three workers waiting")
        trainer.write_text("model")  # ... and writes its file
    for caller in callers:
        caller.join()
    assert _runs(trainer) == 0  # nobody trained it again
    assert trainer.read_text() == "model"


def test_alone_it_trains(trainer: Path) -> None:
    training.train_in_child("fake_trainer", trainer, "acts")
    assert (_runs(trainer), trainer.read_text()) == (1, "model")


def test_a_damaged_file_nobody_rewrote_is_trained_again(trainer: Path) -> None:
    trainer.parent.mkdir(parents=True)
    trainer.write_text("damaged")
    training.train_in_child("fake_trainer", trainer, "acts")
    assert (_runs(trainer), trainer.read_text()) == (1, "model")


# A stand-in that records the priority it trains at (the parent lowers it just after the start).
NICE_CHILD = """
import os, sys, time
from pathlib import Path

deadline = time.monotonic() + 30
while os.getpriority(os.PRIO_PROCESS, 0) < 10 and time.monotonic() < deadline:
    time.sleep(0.01)
Path(sys.argv[1]).write_text(str(os.getpriority(os.PRIO_PROCESS, 0)))
"""


def test_training_runs_behind_the_servers_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fresh data directory trains four models while the first users chat: at a lower priority.
    (tmp_path / "nice_trainer.py").write_text(NICE_CHILD)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    model = tmp_path / "models" / "clauses.npz"
    model.parent.mkdir()
    training.train_in_child("nice_trainer", model, "clauses")
    assert int(model.read_text()) >= training.TRAINING_NICENESS


def test_a_failed_training_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken_trainer.py").write_text("raise SystemExit('no corpus here')")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    with pytest.raises(OSError, match="training clauses failed: no corpus here"):
        training.train_in_child("broken_trainer", tmp_path / "clauses.npz", "clauses")


# A stand-in that never finishes: it says who it is, then trains "forever".
SLEEPY_CHILD = """
import os, sys, time
from pathlib import Path

from mcc.agent.acts.training import exit_with_parent

exit_with_parent()
(Path(sys.argv[1]).parent / "child.pid").write_text(str(os.getpid()))
while True:
    time.sleep(0.05)
"""

# A stand-in for the server: trains in a child, and is killed meanwhile.
SERVER = """
import sys
from pathlib import Path

from mcc.agent.acts import training

training.train_in_child("sleepy_trainer", Path(sys.argv[1]), "clauses")
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def test_a_training_child_ends_with_the_server_that_started_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server stopped (or killed) mid-training no longer leaves its child training on.
    (tmp_path / "sleepy_trainer.py").write_text(SLEEPY_CHILD)
    source = Path(mcc.__file__).resolve().parents[1]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), str(source)]))
    model = tmp_path / "models" / "clauses.npz"
    model.parent.mkdir()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(model)])
    pid_file = model.parent / "child.pid"
    try:
        wait_for(pid_file.exists, what="the training child to start", timeout=60)
        child = int(pid_file.read_text())
        assert _alive(child)
        server.kill()
        server.wait()
        wait_for(lambda: not _alive(child), what="the orphaned child to end", timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
        if pid_file.exists() and _alive(child := int(pid_file.read_text())):
            os.kill(child, signal.SIGKILL)  # not left behind when the test fails


def test_the_model_turns_wait_for_trains_at_the_servers_priority(
    trainer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every first turn waits for the act classifier: at niceness 10 behind a busy server it took
    # 148 s instead of seconds. Only the models nobody waits for train behind the requests.
    lowered: list[int] = []
    monkeypatch.setattr(os, "setpriority", lambda _which, _pid, niceness: lowered.append(niceness))
    training.train_in_child("fake_trainer", trainer, "acts", waited_for=True)
    assert (_runs(trainer), lowered) == (1, [])
    trainer.unlink()
    training.train_in_child("fake_trainer", trainer, "clauses")
    assert (_runs(trainer), lowered) == (2, [training.TRAINING_NICENESS])


def test_the_act_classifier_is_the_model_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, bool]] = []

    def record(module: str, path: Path, what: str, *, waited_for: bool = False) -> None:
        calls.append((module, waited_for))
        raise OSError("stop here")

    monkeypatch.setattr(acts, "train_in_child", record)
    with pytest.raises(OSError, match="stop here"):
        acts._run(acts._train_to, tmp_path / "acts.npz", in_child=True)
    assert calls == [("mcc.agent.acts", True)]


def test_a_killed_training_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Killed by a signal (the OOM killer, kill -9), the child prints nothing: /readyz said
    # "training ... failed: " and no more.
    (tmp_path / "killed_trainer.py").write_text("import os, signal\nos.kill(os.getpid(), 9)")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    with pytest.raises(OSError, match=r"training acts failed: its process was killed \(SIGKILL\)"):
        training.train_in_child("killed_trainer", tmp_path / "acts.npz", "acts")
