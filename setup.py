"""Package layout (metadata is in pyproject.toml): every assistant.* package, plus the shipped
prompt templates of the top-level ``prompts/`` folder mapped into the package as ``assistant.prompts``."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["assistant", "assistant.*"]), "assistant.prompts"],
    package_dir={"assistant.prompts": "prompts"},
)
