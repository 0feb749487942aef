"""Template tags of the radar's public pages: ``{% load digiradar_tags %}``."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_block_tag
def section(content, name, heading, css_class=""):
    """
    ``{% section "milestones" _("Milestones") %}...{% endsection %}``: a page section headed by
    ``heading`` as its h2, and named by it for assistive technology (``aria-labelledby``).
    """
    return format_html(
        '<section aria-labelledby="{0}-heading"{1}>\n<h2 id="{0}-heading">{2}</h2>\n{3}</section>',
        name,
        format_html(' class="{}"', css_class) if css_class else "",
        heading,
        content,
    )
