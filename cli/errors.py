"""What a user can cause or fix, as one family of exceptions that carry their own exit code.

The `demo` command catches `UserError` alone and prints its message as one line; everything else is
a bug and keeps its traceback. Keras-free, so every module (the data loader included) can raise these.
"""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A mistake or a situation the user can fix; the message is one readable sentence."""

    exit_code = 2

    def advice(self) -> str:
        """The one line the CLI prints for this error."""
        return str(self)


class UnknownTerm(UserError):
    """A term that names no entry; the message suggests the closest names, or where to look."""

    def __init__(self, term: str, suggestions: list[str]):
        self.term, self.suggestions = term, suggestions
        if suggestions:
            message = f"No entry '{term}'. Did you mean: {', '.join(suggestions)}?"
        else:
            hint = f"Try 'nutshell search {term}' or 'nutshell list'." if term else "Try 'nutshell list'."
            message = f"No entry '{term}'. {hint}"
        super().__init__(message)


class SetupError(UserError):
    """The requested set-up cannot run here (multi-worker without TF_CONFIG, a demo that cannot be
    distributed, a strategy on a backend without tf.distribute)."""


class NothingToResume(UserError):
    """`--resume` found no unfinished run to continue; the message says why."""


class CorruptCheckpoint(UserError):
    """Every checkpoint of a fit is damaged, so the run cannot be resumed."""


class NonFiniteLoss(UserError):
    """Training diverged: the loss became NaN or infinite. The logs are kept; exit code 1."""

    exit_code = 1

    def __init__(self, fit: str, epoch: int, batch: int, value: float, learning_rate: float | None = None) -> None:
        self.fit, self.epoch, self.batch, self.value = fit, epoch, batch, value
        self.learning_rate = learning_rate
        super().__init__(f"the loss of '{fit}' became {value} at epoch {epoch}, batch {batch}")

    def advice(self) -> str:
        """The one line the CLI prints: what happened and what to try."""
        used = f" (this run used {self.learning_rate:g})" if self.learning_rate is not None else ""
        return f"training stopped: {self}. Try a smaller --learning-rate{used}. Logs are kept in the run directory."


class Interrupted(UserError):
    """The user stopped a run (Ctrl-C or SIGTERM); its finished epochs and logs are kept."""

    exit_code = 130

    def __init__(self, run_dir: Path | str | None = None, entry: str = "") -> None:
        self.run_dir, self.entry = run_dir, entry
        super().__init__("interrupted")

    def advice(self) -> str:
        if self.run_dir is None:
            return "interrupted before anything was saved."
        return (
            f"interrupted; finished epochs are saved. Resume with: nutshell demo {self.entry} --resume {self.run_dir}"
        )
