"""The learned reader, module by module in the order a document flows through it:

``labels`` (training labels and their checker) → ``context`` (heading levels and paths: layout,
rule-based) → ``features`` (what each block shows) → ``examples`` (labelled documents as features
and targets) → ``type_model`` (what a block states) → ``links`` (which priority it belongs to) →
``reader`` (train, save, load, read) → ``scoring`` and ``evaluate`` (leave-one-document-out with the
evaluator's matching). Must not import anything from kg/ or api/.
"""
