from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("<int:page_id>/", views.post, name="post"),
    path("start/", views.form_started, name="form_started"),
    path("k/<int:comment_id>/", views.permalink, name="permalink"),
    path("k/<int:comment_id>/anmal/", views.report, name="report"),
    path("bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
