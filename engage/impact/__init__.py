"""360° impact assessments, unintended consequences and the city policy × community
matrix (issue #16). A shared app: it never imports consultations, forums or home; a
consultation's groups, leaders and perceived impact come through the subject registry
(`engage.impact.subjects`), filled by the feature apps in `AppConfig.ready()`."""
