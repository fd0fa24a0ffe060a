"""Everything a person sees in Slack: thin edges over the approval service."""
