"""yargy grammars, one concern per module; `ROOTS` names the parser-ready root rules the pipeline builds.

Each grammar module exports its root rule (`QUANTITY`, `DATE`, ...) and fact type; `pipeline.tools`
builds one `Parser` per entry of `ROOTS`, once per process.
"""
ROOTS: dict = {}
