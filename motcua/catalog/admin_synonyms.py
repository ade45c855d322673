"""Administration of the citizens' words for procedures (cách gọi thông dụng). Writes go
through the services, which re-index the versions concerned."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import SearchSynonym


class SearchSynonymForm(forms.ModelForm):
    class Meta:
        model = SearchSynonym
        fields = ["phrase", "official", "note"]

    def clean(self):
        data = super().clean()
        if data.get("phrase") and data.get("official"):
            try:
                services.check_synonym(data["phrase"], data["official"], pk=self.instance.pk)
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """The citizens' words (cách gọi thông dụng): written through the services, which re-index
    the versions concerned; "Xem trên trang" opens the portal's search for the phrase."""

    form = SearchSynonymForm
    list_display = ["phrase", "official", "note"]
    search_fields = ["phrase", "official", "phrase_key", "official_key", "note"]
    actions = ["delete_selected_synonyms"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def view_on_site(self, obj):
        return reverse("portal:procedures:index") + "?" + urlencode({"q": obj.phrase})

    def save_model(self, request, obj, form, change):
        saved = services.save_synonym(
            obj if change else None,
            actor=request.user,
            phrase=form.cleaned_data["phrase"],
            official=form.cleaned_data["official"],
            note=form.cleaned_data["note"],
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.delete_synonyms([obj], actor=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_synonyms(list(queryset), actor=request.user)

    @admin.action(description=_("Xoá các cách gọi đã chọn"), permissions=["delete"])
    def delete_selected_synonyms(self, request, queryset):
        count = services.delete_synonyms(list(queryset), actor=request.user)
        self.message_user(
            request,
            ngettext("Đã xoá %(count)d cách gọi.", "Đã xoá %(count)d cách gọi.", count)
            % {"count": count},
            messages.SUCCESS,
        )
