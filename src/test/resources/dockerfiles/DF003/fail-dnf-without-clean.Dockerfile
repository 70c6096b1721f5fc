FROM fedora:41
# expect-next: DF003
RUN dnf install -y python3 && dnf clean packages
USER 1000
