"""Adobe Workfront: HTTP client, auth, vocabulary mapping, the `WorkManagement` adapter, the
factory that builds it from the settings, and the rules of its webhook deliveries."""
