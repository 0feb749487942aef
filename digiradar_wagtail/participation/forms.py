"""Form helpers the public forms of the participation apps share."""


class AccessibleErrorsMixin:
    """Ties each field's help and error text to the field (aria-describedby, aria-invalid)."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            if field.widget.is_hidden:
                continue
            described = [self[name].auto_id + "-help"] if field.help_text else []
            if name in self.errors:
                described.append(self[name].auto_id + "-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def help_ids(self):
        for name, field in self.fields.items():
            if field.help_text and not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-describedby", self[name].auto_id + "-help")
