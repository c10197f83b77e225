"""Calibration targets, fitting and validation (issue 3). Empty until then: the baseline uses
the documented defaults of simulation.parameters, whose choice intercepts are solved from the
2013 reference shares (see agents.pupils.solve_intercepts)."""
