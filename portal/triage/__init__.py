"""The complaints team's workspace: queue, case page, triage, stages."""
