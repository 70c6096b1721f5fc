FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
RUN dotnet publish -c Release -o /out

# expect-next: DF002
FROM mcr.microsoft.com/dotnet/sdk:8.0
COPY --from=build /out /app
USER app
