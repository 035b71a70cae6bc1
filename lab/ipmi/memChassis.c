/*
 * An in-memory chassis for ipmi_sim, loaded with `loadlib "memChassis.so" "STATEDIR"` (see ipmiSimLab.ts).
 *
 * Why it exists: ipmi_sim has no chassis of its own. Without a chassis_control program it refuses Chassis
 * Control, and with one it starts a shell for every chassis request, each Get Chassis Status included. A real
 * BMC answers a status read from its own memory in microseconds; on the lab, 64 simulators share the machine's
 * cores with the client under test, so a shell per read charged each status read to the client's clock. This
 * module keeps the power state, boot device and identify LED in memory and answers reads from there without
 * any process. Each change is also written to the files chassis.sh keeps (power, boot, identify, last_reset,
 * and a log line per set), so a test can look at the chassis the same way with either. Reads are not logged:
 * they are the hot path this module exists for.
 *
 * Built by the lab at first use (ipmiSimLab.ts, against libopenipmi-dev's headers) and cached in .lab/ipmi.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <OpenIPMI/lanserv.h>
#include <OpenIPMI/mcserv.h>

#define BMC_IPMB 0x20

static char state_dir[3072];
static unsigned char power_state = 1;
static unsigned char boot_device = 2;

/* Get/Set System Boot Options' device selector values, named as ipmi_sim names them to a chassis program. */
static const struct {
  unsigned char value;
  const char *name;
} boot_names[] = {{0, "none"}, {1, "pxe"}, {2, "default"}, {5, "cdrom"}, {6, "bios"}};

static const char *boot_name(unsigned char value) {
  for (size_t i = 0; i < sizeof boot_names / sizeof boot_names[0]; i++)
    if (boot_names[i].value == value) return boot_names[i].name;
  return NULL;
}

static int write_state(const char *file, const char *mode, const char *text) {
  char path[sizeof state_dir + 32];
  snprintf(path, sizeof path, "%s/%s", state_dir, file);
  FILE *f = fopen(path, mode);
  if (!f) return errno ? errno : EIO;
  fputs(text, f);
  return fclose(f) ? EIO : 0;
}

static void read_state(const char *file, char *out, size_t size) {
  char path[sizeof state_dir + 32];
  snprintf(path, sizeof path, "%s/%s", state_dir, file);
  out[0] = '\0';
  FILE *f = fopen(path, "r");
  if (!f) return;
  if (!fgets(out, (int) size, f)) out[0] = '\0';
  fclose(f);
  out[strcspn(out, "\n")] = '\0';
}

/* One line per change, as chassis.sh writes it ("set power 0", "set identify 7 0"). */
static int log_set(const char *what) {
  char line[96];
  snprintf(line, sizeof line, "set %s\n", what);
  return write_state("log", "a", line);
}

static int set_power(unsigned char on) {
  power_state = on ? 1 : 0;
  int rv = write_state("power", "w", power_state ? "1\n" : "0\n");
  return rv ? rv : log_set(power_state ? "power 1" : "power 0");
}

static int chassis_set(lmc_data_t *mc, int op, unsigned char *val, void *cb_data) {
  char text[64];
  struct timespec now;
  (void) mc;
  (void) cb_data;
  switch (op) {
  case CHASSIS_CONTROL_POWER:
    return set_power(*val);
  case CHASSIS_CONTROL_RESET:
    clock_gettime(CLOCK_REALTIME, &now);
    snprintf(text, sizeof text, "%lld.%09ld\n", (long long) now.tv_sec, now.tv_nsec);
    return write_state("last_reset", "w", text) || log_set("reset 1") ? EIO : 0;
  case CHASSIS_CONTROL_BOOT: {
    const char *name = boot_name(*val);
    if (!name) return EINVAL;
    boot_device = *val;
    snprintf(text, sizeof text, "%s\n", name);
    int rv = write_state("boot", "w", text);
    snprintf(text, sizeof text, "boot %s", name);
    return rv ? rv : log_set(text);
  }
  case CHASSIS_CONTROL_BOOT_INFO_ACK:
    return 0;
  case CHASSIS_CONTROL_GRACEFUL_SHUTDOWN:
    /* The lab's "operating system" honours a soft-off request at once, as chassis.sh's does. */
    return log_set("shutdown 1") ? EIO : set_power(0);
  case CHASSIS_CONTROL_IDENTIFY: {
    snprintf(text, sizeof text, "%u %u\n", val[0], val[1]);
    int rv = write_state("identify", "w", text);
    snprintf(text, sizeof text, "identify %u %u", val[0], val[1]);
    return rv ? rv : log_set(text);
  }
  default:
    return EINVAL;
  }
}

static int chassis_get(lmc_data_t *mc, int op, unsigned char *val, void *cb_data) {
  (void) mc;
  (void) cb_data;
  switch (op) {
  case CHASSIS_CONTROL_POWER:
    *val = power_state;
    return 0;
  case CHASSIS_CONTROL_BOOT:
    *val = boot_device;
    return 0;
  default:
    return EINVAL;
  }
}

int ipmi_sim_module_print_version(sys_data_t *sys, char *options) {
  (void) sys;
  (void) options;
  printf("Labvisor lab in-memory chassis 1\n");
  return 0;
}

/* Options: the state directory. Its `power` (0/1) and `boot` (a device name) files, when present, are the
   initial state, so the lab starts a BMC powered off the same way with either chassis. */
int ipmi_sim_module_init(sys_data_t *sys, const char *options) {
  char text[32];
  lmc_data_t *mc;
  if (!options || !*options || strlen(options) >= sizeof state_dir) return EINVAL;
  strcpy(state_dir, options);
  read_state("power", text, sizeof text);
  if (text[0]) power_state = strcmp(text, "0") != 0;
  read_state("boot", text, sizeof text);
  for (size_t i = 0; text[0] && i < sizeof boot_names / sizeof boot_names[0]; i++)
    if (!strcmp(text, boot_names[i].name)) boot_device = boot_names[i].value;
  int rv = sys->mc_alloc_unconfigured(sys, BMC_IPMB, &mc);
  if (rv) return rv;
  ipmi_mc_set_chassis_control_func(mc, chassis_set, chassis_get, NULL);
  return 0;
}
