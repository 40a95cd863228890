"""Use cases: each public function is one transaction with the actor passed in."""
