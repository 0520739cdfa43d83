// wagtail-modeltranslation's editor settings, from this script element's data-settings
// (engage/wagtail_hooks.py): the admin's Content-Security-Policy runs no inline script.
window.wagtailModelTranslations = JSON.parse(document.currentScript.getAttribute("data-settings"));
