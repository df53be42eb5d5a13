"""``python -m havoc_train`` (what ``torchrun ... -m havoc_train`` runs)."""

from havoc_train.cli import main

raise SystemExit(main())
