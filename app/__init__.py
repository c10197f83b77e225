"""The workshop web page (issue 5): path dependence and crisis, built on SolaraViz."""
