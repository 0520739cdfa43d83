"""Community sentiment and tension monitoring (key action 5): pulse surveys, tension
assessments, hate incident reports, the area map and early-warning alerts. Each part is
its own app (incidents, pulse, tension, alerts) so that its tables and migrations stay
its own."""
