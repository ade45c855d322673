"""A dossier as the statistics read it, shared by the 766 index, the periodic report, the
officer evaluation and the daily aggregates: the dossier as plain data loaded in a few flat
queries (``records``), its statistical state at any instant and its timeline of constant states
(``history``), and the facts of every dossier of an agency subtree measured at a period's
measuring moment (``facts``; ``Period.measured_at``). One definition, so that no two reports count the same dossier differently."""
