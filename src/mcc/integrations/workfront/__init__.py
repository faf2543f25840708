"""Adobe Workfront: HTTP client, auth, vocabulary mapping and the `WorkManagement` adapter."""
