"""The reference Redfish client (OpenStack's sushy, Debian python3-sushy) reading or changing the test service.

Usage: sushyReference.py URL USER read | setboot TARGET ENABLED  (the password is read from stdin, never argv)
Prints one JSON object. Certificate verification is off: it is a judge on loopback, not a client of record.
"""
import json
import os
import sys
import warnings

import requests
import sushy
from sushy import auth

warnings.filterwarnings("ignore")
# requests lets these override verify=False (psf/requests#3829); this judge talks to a self-signed loopback peer.
for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
    os.environ.pop(name, None)


def value(v):
    return getattr(v, "value", v)


def main():
    url, user, command = sys.argv[1], sys.argv[2], sys.argv[3]
    password = sys.stdin.readline().rstrip("\n")
    public = requests.Session()
    public.verify = False
    root = sushy.Sushy(
        url, auth=auth.SessionOrBasicAuth(username=user, password=password), verify=False, public_connector=public
    )
    system = root.get_system(root.get_system_collection().members_identities[0])
    if command == "setboot":
        system.set_system_boot_options(
            target=sushy.BootSource(sys.argv[4]), enabled=sushy.BootSourceOverrideEnabled(sys.argv[5])
        )
        system.refresh()
    manager = root.get_manager(root.get_manager_collection().members_identities[0])
    chassis = root.get_chassis(root.get_chassis_collection().members_identities[0])
    try:
        thermal = chassis.thermal
        temperatures = {t.name: t.reading_celsius for t in thermal.temperatures}
        fans = {f.name: f.reading for f in thermal.fans}
    except Exception:  # the service publishes no legacy Thermal resource: sushy 4.3 reads nothing newer
        temperatures, fans = None, None
    print(json.dumps({
        "power": value(system.power_state),
        "boot": {
            "target": value(system.boot.target),
            "enabled": value(system.boot.enabled),
            "mode": value(system.boot.mode),
        },
        "firmware": manager.firmware_version,
        "managerModel": manager.model,
        "temperatures": temperatures,
        "fans": fans,
    }))


main()
