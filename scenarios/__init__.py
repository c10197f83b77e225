"""Scenario files (TOML), their pydantic schema and the loader that turns them into model
inputs. Import direction: scenarios -> simulation -> agents."""
