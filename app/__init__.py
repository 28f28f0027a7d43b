"""phonghop core: config, domain model, services, rules, command line. No Qt."""

__version__ = "0.1.0"
