"""pbsite: turns branch activity reports into a Party-building publicity site, posters and tallies."""
