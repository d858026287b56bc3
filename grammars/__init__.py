"""yargy grammars, one concern per module; `ROOTS` names the parser-ready root rules the pipeline builds.

Each grammar module exports its root rule (`QUANTITY`, `DATE`, ...) and fact type; `pipeline.nlp.tools`
builds one `Parser` per entry of `ROOTS`, once per process.
"""
ROOTS: dict = {}

from grammars.speech import SPEECH  # noqa: E402

ROOTS["speech"] = SPEECH

from grammars.quantity import QUANTITY  # noqa: E402

ROOTS["quantity"] = QUANTITY

from grammars.dates import DATE  # noqa: E402

ROOTS["date"] = DATE
from grammars.positions import ORGANIZATION, POSITION  # noqa: E402

ROOTS["position"] = POSITION
ROOTS["position_org"] = ORGANIZATION
