FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
COPY . .
# expect-next: DF001
RUN ["/bin/sh", "-c", "dotnet publish -c Release -o /out"]
USER app
ENTRYPOINT ["dotnet", "/out/Api.dll"]
