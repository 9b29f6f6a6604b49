import {
  Activity,
  BookOpen,
  Box,
  Briefcase,
  ChartBar,
  ChartPie,
  Circle,
  ClipboardList,
  Cpu,
  Database,
  DollarSign,
  FileChartColumn,
  FileText,
  Folder,
  GitBranch,
  House,
  Layers,
  LayoutDashboard,
  List,
  type LucideIcon,
  MapPin,
  Megaphone,
  Package,
  RadioTower,
  Receipt,
  Settings,
  ShieldCheck,
  ShoppingBag,
  ShoppingCart,
  Tag,
  TrendingUp,
  Truck,
  UserCheck,
  UserCog,
  Users,
  Wrench,
} from "lucide-react";

/**
 * The catalog names icons the way lucide's site does ("file-text"); older names from the seeds
 * ("tool", "home", "bar-chart", "pie-chart", "file-bar-chart") map to their lucide successors.
 */
const ICONS: Record<string, LucideIcon> = {
  activity: Activity,
  "bar-chart": ChartBar,
  "book-open": BookOpen,
  box: Box,
  briefcase: Briefcase,
  "clipboard-list": ClipboardList,
  cpu: Cpu,
  database: Database,
  "dollar-sign": DollarSign,
  "file-bar-chart": FileChartColumn,
  "file-text": FileText,
  folder: Folder,
  "git-branch": GitBranch,
  home: House,
  "layout-dashboard": LayoutDashboard,
  layers: Layers,
  list: List,
  "map-pin": MapPin,
  megaphone: Megaphone,
  package: Package,
  "pie-chart": ChartPie,
  "radio-tower": RadioTower,
  receipt: Receipt,
  settings: Settings,
  "shield-check": ShieldCheck,
  "shopping-bag": ShoppingBag,
  "shopping-cart": ShoppingCart,
  tag: Tag,
  tool: Wrench,
  "trending-up": TrendingUp,
  truck: Truck,
  "user-check": UserCheck,
  "user-cog": UserCog,
  users: Users,
  wrench: Wrench,
};

export function iconFor(name: string | null | undefined): LucideIcon {
  return (name && ICONS[name]) || Circle;
}

export function MenuIcon({ name, className }: { name: string | null | undefined; className?: string }) {
  const Icon = iconFor(name);
  return <Icon className={className} aria-hidden />;
}
