"""What build_app.spec uses to make the standalone app smaller, and the checks the built app
runs on itself (`Glose --self-test`). Not imported by the app otherwise."""
