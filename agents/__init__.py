"""Agents of the pipeline model: array-backed persons, and schools and firms as mesa Agents."""
