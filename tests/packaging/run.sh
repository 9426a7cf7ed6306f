#!/usr/bin/env bash
# Packaging test: a throwaway console app restores InboundConversations.Core, .PostgreSql, .Hosting and .Testing from the .nupkg files in
# a folder (as `dotnet pack` left them) and runs one inbound cycle against them (Program.cs).
# Usage: tests/packaging/run.sh [packages folder, default artifacts/packages]. Exits non-zero on any failure.
# Needs only the .NET SDK (plus bash and coreutils). The app is built in a temporary folder outside the repository,
# so the repository's Directory.Build.props and Directory.Packages.props do not apply, with a private NuGet
# packages folder, so a package of the same version cached earlier cannot stand in for the fresh one.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
packages="$(cd "${1:-$repo/artifacts/packages}" && pwd)"

# The version under test, from the one InboundConversations.Core package in the folder.
shopt -s nullglob
core=("$packages"/InboundConversations.Core.[0-9]*.nupkg)
if [[ ${#core[@]} -ne 1 ]]; then
  echo "packaging test: expected one InboundConversations.Core .nupkg in $packages, found ${#core[@]}" >&2
  exit 1
fi
version="${core[0]##*/InboundConversations.Core.}"
version="${version%.nupkg}"
for id in InboundConversations.Core InboundConversations.PostgreSql InboundConversations.Hosting InboundConversations.Testing; do
  for file in "$packages/$id.$version.nupkg" "$packages/$id.$version.snupkg"; do
    [[ -f $file ]] || { echo "packaging test: missing $file" >&2; exit 1; }
  done
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ $work == "$repo"/* ]]; then
  echo "packaging test: the temporary folder $work is inside the repository; set TMPDIR elsewhere" >&2
  exit 1
fi

cp "$here/PackageCheck.csproj" "$here/Program.cs" "$work/"
# Adds the packages folder as a source; the machine's own sources stay (nothing is cleared).
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="inboundconversations-under-test" value="$packages" />
  </packageSources>
</configuration>
EOF
export NUGET_PACKAGES="$work/nuget-packages"

echo "packaging test: InboundConversations $version from $packages"
dotnet restore "$work/PackageCheck.csproj" -p:InboundConversationsVersion="$version"

# What was restored must be byte for byte what was packed (not a same-numbered package from another source).
for id in InboundConversations.Core InboundConversations.PostgreSql InboundConversations.Hosting InboundConversations.Testing; do
  lower="${id,,}"
  restored="$NUGET_PACKAGES/$lower/${version,,}/$lower.${version,,}.nupkg"
  if ! cmp -s "$packages/$id.$version.nupkg" "$restored"; then
    echo "packaging test: the restored $id is not the package in $packages" >&2
    exit 1
  fi
done

dotnet run --project "$work/PackageCheck.csproj" -c Release --no-restore -p:InboundConversationsVersion="$version" -- "$version"
