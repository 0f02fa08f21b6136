//! The seed scenario, loaded as real records through the store operations.
