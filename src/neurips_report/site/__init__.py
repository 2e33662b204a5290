"""The site: the model as recorded views, bodies resolved to HTML, the pages planned and their template contexts."""
