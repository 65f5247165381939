# bench:eval's peer: BFCL's own evaluator (eval_runner.main, as `bfcl evaluate` runs it) on one model's results, in one Python process.
#
# Usage: python3 bench/bfcl-official-checker.py <BFCL checkout> <results dir holding <model>/> <BFCL data dir> <score dir>
# The checkout is the gorilla repository (or its berkeley-function-call-leaderboard folder); nothing of it is copied here.
# Only two things are swapped in, both outside the scoring: the model registry (the recorded model is not in every
# checkout, and importing every vendor's client would time the imports of SDKs the checker never calls) is replaced by
# one entry using BFCL's own OpenAI function-calling handler, whose decode_ast/decode_execute are what FC results need;
# and the data paths point at the data folder given, so both sides read the same files. Optional parsers the FC path
# never calls (tree-sitter for Java/JavaScript prompting output, html2text for live web search) are stood in for when
# they are not installed: importing them must not fail, and using them does.
import dataclasses
import os
import sys
import time
import types
from pathlib import Path
from typing import Optional


class _NotInstalled:
    """Stands in for a module the FC scoring path imports but never uses; any real use fails loudly."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __call__(self, *args: object, **kwargs: object) -> "_NotInstalled":
        return self

    def __getattr__(self, attribute: str) -> "_NotInstalled":
        if attribute in ("parse", "handle", "query"):
            raise RuntimeError(f"{self._name} is not installed; only prompting-mode or web-search scoring needs it")
        return self


def stand_in_for_missing(names: list[str]) -> None:
    for name in names:
        try:
            __import__(name)
        except ImportError:
            module = types.ModuleType(name)
            module.__getattr__ = lambda attribute, name=name: _NotInstalled(f"{name}.{attribute}")  # type: ignore[attr-defined]
            sys.modules[name] = module


def main() -> None:
    started = time.perf_counter()
    checkout, results_dir, data_dir, score_dir = (Path(arg).resolve() for arg in sys.argv[1:5])
    root = checkout / "berkeley-function-call-leaderboard" if (checkout / "berkeley-function-call-leaderboard").is_dir() else checkout
    if not (root / "bfcl_eval" / "eval_checker" / "eval_runner.py").is_file():
        sys.exit(f"{checkout}: not a BFCL checkout (no bfcl_eval/eval_checker/eval_runner.py)")
    sys.path.insert(0, str(root))
    os.environ.setdefault("BFCL_PROJECT_ROOT", str(score_dir.parent))
    os.environ.setdefault("OPENAI_API_KEY", "unused-the-checker-never-calls-a-model")

    model_names = [entry.name for entry in results_dir.iterdir() if entry.is_dir()]
    if len(model_names) != 1:
        sys.exit(f"{results_dir}: expected exactly one model folder, found {model_names}")

    stand_in_for_missing(["tree_sitter", "tree_sitter_java", "tree_sitter_javascript", "html2text"])
    from bfcl_eval.model_handler.api_inference.openai_completion import OpenAICompletionsHandler

    @dataclasses.dataclass
    class ModelConfig:
        model_name: str
        display_name: str
        url: str
        org: str
        license: str
        model_handler: type
        input_price: Optional[float] = None
        output_price: Optional[float] = None
        is_fc_model: bool = True
        underscore_to_dot: bool = False

    registry = types.ModuleType("bfcl_eval.constants.model_config")
    registry.ModelConfig = ModelConfig
    registry.MODEL_CONFIG_MAPPING = {
        name: ModelConfig(name, name, "", "", "", OpenAICompletionsHandler) for name in model_names
    }
    sys.modules["bfcl_eval.constants.model_config"] = registry

    import bfcl_eval.utils as bfcl_utils
    from bfcl_eval.eval_checker import eval_runner

    bfcl_utils.PROMPT_PATH = data_dir
    bfcl_utils.POSSIBLE_ANSWER_PATH = data_dir / "possible_answer"
    bfcl_utils.MULTI_TURN_FUNC_DOC_PATH = data_dir / "multi_turn_func_doc"
    if hasattr(bfcl_utils, "MEMORY_PREREQ_CONVERSATION_PATH"):
        bfcl_utils.MEMORY_PREREQ_CONVERSATION_PATH = data_dir / "memory_prereq_conversation"

    imported = time.perf_counter()
    eval_runner.main(model_names, ["all"], str(results_dir), str(score_dir))
    finished = time.perf_counter()
    print(f"bfcl-official-checker: import {imported - started:.3f} s, evaluate {finished - imported:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
