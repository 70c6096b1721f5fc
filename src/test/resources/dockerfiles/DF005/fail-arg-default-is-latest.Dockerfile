ARG BASE_TAG=latest
# expect-next: DF005
FROM python:${BASE_TAG}
USER 1000
