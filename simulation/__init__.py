"""The simulation: TechniekModel, its yearly schedule, the business cycle, labour market,
data collection, outputs and the experiment runner."""
