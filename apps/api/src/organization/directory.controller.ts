import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, DirectoryService, Policy, RequestAuth } from '@pendamping/auth';
import { expectedVersion } from '@pendamping/core';
import { IdPipe, PageQueryDto, withoutVersion } from '../common/params';
import {
  CreateGroupDto,
  CreateRegionDto,
  CreateServiceProviderDto,
  CreateVillageDto,
  GroupQueryDto,
  RenameDto,
  ServiceProviderQueryDto,
  UpdateRegionDto,
  UpdateServiceProviderDto,
  VillageQueryDto,
} from './organization.dtos';
import { PageOf } from '../openapi/page.schema';
import { GroupView, RegionView, ServiceProviderView, VillageView } from './directory.responses';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @ApiOperation({ summary: 'List the regions of your organisation' })
  @Get('regions')
  @ApiOkResponse({ type: PageOf(RegionView) })
  @Policy('read', 'Region')
  listRegions(@Auth() auth: RequestAuth, @Query() query: PageQueryDto) {
    return this.directory.listRegions(auth, query);
  }

  @ApiOperation({ summary: 'Create a region' })
  @Post('regions')
  @ApiCreatedResponse({ type: RegionView })
  @Policy('create', 'Region')
  createRegion(@Auth() auth: RequestAuth, @Body() body: CreateRegionDto) {
    return this.directory.createRegion(auth, body);
  }

  @ApiOperation({ summary: 'Read a region' })
  @Get('regions/:id')
  @ApiOkResponse({ type: RegionView })
  @Policy('read', 'Region')
  getRegion(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.directory.getRegion(auth, id);
  }

  @ApiOperation({ summary: 'Change a region' })
  @Patch('regions/:id')
  @ApiOkResponse({ type: RegionView })
  @Policy('update', 'Region')
  updateRegion(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateRegionDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.directory.updateRegion(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }

  @ApiOperation({ summary: 'List villages' })
  @Get('villages')
  @ApiOkResponse({ type: PageOf(VillageView) })
  @Policy('read', 'Village')
  listVillages(@Auth() auth: RequestAuth, @Query() query: VillageQueryDto) {
    return this.directory.listVillages(auth, query, query.regionId);
  }

  @ApiOperation({ summary: 'Create a village' })
  @Post('villages')
  @ApiCreatedResponse({ type: VillageView })
  @Policy('create', 'Village')
  createVillage(@Auth() auth: RequestAuth, @Body() body: CreateVillageDto) {
    return this.directory.createVillage(auth, body);
  }

  @ApiOperation({ summary: 'Read a village' })
  @Get('villages/:id')
  @ApiOkResponse({ type: VillageView })
  @Policy('read', 'Village')
  getVillage(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.directory.getVillage(auth, id);
  }

  @ApiOperation({ summary: 'Rename a village' })
  @Patch('villages/:id')
  @ApiOkResponse({ type: VillageView })
  @Policy('update', 'Village')
  updateVillage(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: RenameDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.directory.updateVillage(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }

  @ApiOperation({ summary: 'List community groups' })
  @Get('groups')
  @ApiOkResponse({ type: PageOf(GroupView) })
  @Policy('read', 'Group')
  listGroups(@Auth() auth: RequestAuth, @Query() query: GroupQueryDto) {
    return this.directory.listGroups(auth, query, query.villageId);
  }

  @ApiOperation({ summary: 'Create a community group' })
  @Post('groups')
  @ApiCreatedResponse({ type: GroupView })
  @Policy('create', 'Group')
  createGroup(@Auth() auth: RequestAuth, @Body() body: CreateGroupDto) {
    return this.directory.createGroup(auth, body);
  }

  @ApiOperation({ summary: 'Read a community group' })
  @Get('groups/:id')
  @ApiOkResponse({ type: GroupView })
  @Policy('read', 'Group')
  getGroup(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.directory.getGroup(auth, id);
  }

  @ApiOperation({ summary: 'Rename a community group' })
  @Patch('groups/:id')
  @ApiOkResponse({ type: GroupView })
  @Policy('update', 'Group')
  updateGroup(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: RenameDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.directory.updateGroup(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }

  @ApiOperation({ summary: 'List the service directory' })
  @Get('service-providers')
  @ApiOkResponse({ type: PageOf(ServiceProviderView) })
  @Policy('read', 'ServiceProvider')
  listServiceProviders(@Auth() auth: RequestAuth, @Query() query: ServiceProviderQueryDto) {
    return this.directory.listServiceProviders(auth, query, query.serviceType);
  }

  @ApiOperation({ summary: 'Add a service provider to the directory' })
  @Post('service-providers')
  @ApiCreatedResponse({ type: ServiceProviderView })
  @Policy('create', 'ServiceProvider')
  createServiceProvider(@Auth() auth: RequestAuth, @Body() body: CreateServiceProviderDto) {
    return this.directory.createServiceProvider(auth, body);
  }

  @ApiOperation({ summary: 'Read a service provider' })
  @Get('service-providers/:id')
  @ApiOkResponse({ type: ServiceProviderView })
  @Policy('read', 'ServiceProvider')
  getServiceProvider(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.directory.getServiceProvider(auth, id);
  }

  @ApiOperation({ summary: 'Change a service provider' })
  @Patch('service-providers/:id')
  @ApiOkResponse({ type: ServiceProviderView })
  @Policy('update', 'ServiceProvider')
  updateServiceProvider(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateServiceProviderDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.directory.updateServiceProvider(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }
}
