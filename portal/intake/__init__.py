"""Public journeys: the ways a young person, an advocate or an adult can write to us."""
