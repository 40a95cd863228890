from livinglab import create_app

app = create_app()
